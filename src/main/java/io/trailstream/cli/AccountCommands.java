package io.trailstream.cli;

import io.trailstream.control.message.ControlMessage;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code integration set-accounts | add-accounts | remove-accounts}: an Organization trail's include-list. */
public final class AccountCommands {
    private AccountCommands() {}

    /** Publishes set_accounts: replaces the include-list, or with --all removes it. */
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

    /** A change naming one or more accounts after the integration id. */
    abstract static class ListedAccounts extends IntegrationCommands.Sub {
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "ACCOUNT", description = "12-digit account ids.")
        List<String> accounts;
    }

    /** Publishes add_accounts: widens an existing include-list. */
    @Command(name = "add-accounts", description = "Add member accounts to the include-list.")
    public static class AddAccounts extends ListedAccounts {
        @Override
        protected ControlMessage build(ControlMessageBuilder b) {
            return b.addAccounts(integrationId, accounts);
        }
    }

    /** Publishes remove_accounts: narrows an existing include-list (never to nothing). */
    @Command(name = "remove-accounts", description = "Remove member accounts from the include-list.")
    public static class RemoveAccounts extends ListedAccounts {
        @Override
        protected ControlMessage build(ControlMessageBuilder b) {
            return b.removeAccounts(integrationId, accounts);
        }
    }
}
