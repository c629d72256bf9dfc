package io.trailstream.cli;

import io.trailstream.control.ControlState;
import io.trailstream.control.ControlView;
import io.trailstream.control.apply.ControlApplier;
import io.trailstream.control.message.ControlMessageParser;
import io.trailstream.control.message.ParsedControl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The current integrations of a local control folder: its messages replayed in file-name order, as
 * the job applies them, over the config's integrations if given. Messages the job would reject are
 * skipped just as the job skips them.
 */
public final class FolderIntegrationLookup implements IntegrationLookup {
    /** Replaying is not receiving: a message's issue time is not judged against this machine's clock. */
    private static final long NO_SKEW_LIMIT = Long.MAX_VALUE / 4;

    private final Path dir;
    private final ControlView seeds;

    /** @param seeds the config's integrations, or null */
    public FolderIntegrationLookup(Path dir, ControlView seeds) {
        this.dir = dir;
        this.seeds = seeds;
    }

    @Override
    public ControlView current() throws IOException {
        ControlState state = new ControlState(seeds);
        ControlMessageParser parser = new ControlMessageParser(ControlMessageParser.DEFAULT_MAX_BYTES, NO_SKEW_LIMIT);
        ControlApplier applier = new ControlApplier();
        for (Path file : LocalFolderPublisher.messagesInOrder(dir)) {
            ParsedControl p = parser.parse(Files.readAllBytes(file), 0);
            if (p.isOk()) applier.apply(state, p.message, p.message.issuedAtMillis);
        }
        return state;
    }

    @Override
    public String source() {
        return "control folder " + dir;
    }
}
