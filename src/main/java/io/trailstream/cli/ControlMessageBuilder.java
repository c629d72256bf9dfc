package io.trailstream.cli;

import io.trailstream.control.IntegrationStatus;
import io.trailstream.control.message.ControlJson;
import io.trailstream.control.message.ControlKind;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.ControlMessageParser;
import io.trailstream.control.message.ControlValidation;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.control.message.ParsedControl;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Builds the control messages of the ops command line, one per change, and checks each with the job's
 * own parser before it is handed out: what ops publish is exactly what the job accepts. Issue times
 * come from the clock but strictly increase per builder, so messages built in one run keep their order.
 */
public final class ControlMessageBuilder {
    private final String author;
    private final Clock clock;
    private final Supplier<String> ids;
    private final ControlMessageParser parser = new ControlMessageParser();
    private long lastIssuedMillis;

    /** With the system clock and random UUIDs as message ids. */
    public ControlMessageBuilder(String author) {
        this(author, Clock.systemUTC(), () -> UUID.randomUUID().toString());
    }

    /** Signing with {@code author}, issuing at {@code clock}'s time, with message ids from {@code ids}. */
    public ControlMessageBuilder(String author, Clock clock, Supplier<String> ids) {
        this.author = author;
        this.clock = clock;
        this.ids = ids;
    }

    /**
     * Issues the next messages strictly after {@code millis} whatever the clock says, e.g. after the last
     * message of a control folder, so that they sort (and apply) after it.
     */
    public ControlMessageBuilder issueAfter(long millis) {
        lastIssuedMillis = Math.max(lastIssuedMillis, millis);
        return this;
    }

    /** add and update: sets the fields {@code patch} names (a new integration needs tenant and bucket). */
    public ControlMessage upsert(String integrationId, IntegrationPatch patch) {
        ControlMessage m = integrationMessage(ControlKind.UPSERT_INTEGRATION, integrationId);
        m.integration = patch;
        m.tenantId = patch.tenantId;
        return validated(m);
    }

    /** set_status: active, suspended or disconnected. */
    public ControlMessage setStatus(String integrationId, IntegrationStatus status) {
        ControlMessage m = integrationMessage(ControlKind.SET_STATUS, integrationId);
        m.status = status;
        return validated(m);
    }

    /** set_status suspended. */
    public ControlMessage suspend(String integrationId) {
        return setStatus(integrationId, IntegrationStatus.SUSPENDED);
    }

    /** set_status active. */
    public ControlMessage resume(String integrationId) {
        return setStatus(integrationId, IntegrationStatus.ACTIVE);
    }

    /** set_status disconnected. */
    public ControlMessage disconnect(String integrationId) {
        return setStatus(integrationId, IntegrationStatus.DISCONNECTED);
    }

    /** delete_integration (the job keeps a tombstone). */
    public ControlMessage delete(String integrationId) {
        return validated(integrationMessage(ControlKind.DELETE_INTEGRATION, integrationId));
    }

    /** @param accounts the include-list, or null to collect all accounts */
    public ControlMessage setAccounts(String integrationId, List<String> accounts) {
        return accounts(ControlKind.SET_ACCOUNTS, integrationId, accounts);
    }

    /** add_accounts: widens an existing include-list. */
    public ControlMessage addAccounts(String integrationId, List<String> accounts) {
        return accounts(ControlKind.ADD_ACCOUNTS, integrationId, accounts);
    }

    /** remove_accounts: narrows an existing include-list. */
    public ControlMessage removeAccounts(String integrationId, List<String> accounts) {
        return accounts(ControlKind.REMOVE_ACCOUNTS, integrationId, accounts);
    }

    /** licence_expired: the tenant collects nothing until renewed. */
    public ControlMessage expireLicence(String tenantId) {
        return validated(tenantMessage(ControlKind.LICENCE_EXPIRED, tenantId));
    }

    /** @param validUntil a new bound for the renewed licence, or null for none */
    public ControlMessage renewLicence(String tenantId, Instant validUntil) {
        ControlMessage m = tenantMessage(ControlKind.LICENCE_RENEWED, tenantId);
        m.validUntilMillis = validUntil == null ? 0 : validUntil.toEpochMilli();
        return validated(m);
    }

    /** @param validUntil when the licence lapses, or null to remove the bound */
    public ControlMessage licenceValidUntil(String tenantId, Instant validUntil) {
        ControlMessage m = tenantMessage(ControlKind.LICENCE_VALID_UNTIL, tenantId);
        m.validUntilMillis = validUntil == null ? 0 : validUntil.toEpochMilli();
        return validated(m);
    }

    private ControlMessage accounts(ControlKind kind, String integrationId, List<String> accounts) {
        ControlMessage m = integrationMessage(kind, integrationId);
        if (accounts != null) {
            String bad = ControlValidation.firstBadAccount(accounts);
            if (bad != null) {
                throw new InvalidControlMessageException(
                        "bad_account_id", "'" + bad + "' is not an account id (exactly 12 digits)");
            }
            m.accounts = ControlValidation.canonicalAccounts(accounts);
        }
        return validated(m);
    }

    private ControlMessage integrationMessage(ControlKind kind, String integrationId) {
        ControlMessage m = envelope(kind);
        m.integrationId = integrationId;
        return m;
    }

    private ControlMessage tenantMessage(ControlKind kind, String tenantId) {
        ControlMessage m = envelope(kind);
        m.tenantId = tenantId;
        return m;
    }

    private ControlMessage envelope(ControlKind kind) {
        ControlMessage m = new ControlMessage();
        m.kind = kind;
        m.messageId = ids.get();
        m.author = author;
        m.issuedAtMillis = Math.max(clock.millis(), lastIssuedMillis + 1);
        return m;
    }

    /** Writes the wire JSON and parses it back; the parsed message, with its JSON, is what is published. */
    private ControlMessage validated(ControlMessage m) {
        String json;
        try {
            json = ControlJson.toWire(m);
        } catch (RuntimeException e) {
            throw new InvalidControlMessageException("bad_field", "cannot write the message: " + e.getMessage());
        }
        ParsedControl p = parser.parse(json, m.issuedAtMillis);
        if (!p.isOk()) throw new InvalidControlMessageException(p.rejection.code(), p.detail);
        lastIssuedMillis = m.issuedAtMillis;
        return p.message;
    }
}
