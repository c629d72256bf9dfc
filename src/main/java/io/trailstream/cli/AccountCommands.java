package io.trailstream.cli;

import io.trailstream.control.ControlMessage;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code integration set-accounts | add-accounts | remove-accounts}: an Organization trail's include-list. */
public final class AccountCommands {
    private AccountCommands() {}

    @Command(name = "set-accounts", description = "Collect only these member accounts (or, with --all, every account).")
    public static class SetAccounts extends IntegrationCommands.Sub {
        @Parameters(index = "1..*", paramLabel = "ACCOUNT", description = "12-digit account ids.")
        List<String> accounts;
        @Option(names = "--all", description = "Collect every account of the Organization.")
        boolean all;

        @Override
        protected ControlMessage build(ControlMessageBuilder b) {
            if (all == (accounts != null && !accounts.isEmpty())) {
                throw new IllegalArgumentException("give either account ids or --all");
            }
            return b.setAccounts(integrationId, all ? null : accounts);
        }
    }

    @Command(name = "add-accounts", description = "Add member accounts to the include-list.")
    public static class AddAccounts extends IntegrationCommands.Sub {
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "ACCOUNT", description = "12-digit account ids.")
        List<String> accounts;

        @Override
        protected ControlMessage build(ControlMessageBuilder b) {
            return b.addAccounts(integrationId, accounts);
        }
    }

    @Command(name = "remove-accounts", description = "Remove member accounts from the include-list.")
    public static class RemoveAccounts extends IntegrationCommands.Sub {
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "ACCOUNT", description = "12-digit account ids.")
        List<String> accounts;

        @Override
        protected ControlMessage build(ControlMessageBuilder b) {
            return b.removeAccounts(integrationId, accounts);
        }
    }
}
