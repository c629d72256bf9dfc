package io.trailstream.control;

import io.trailstream.control.message.ControlKind;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.ControlValidation;
import io.trailstream.control.message.IntegrationPatch;
import java.util.Arrays;
import java.util.List;

/** Test helper: valid {@link ControlMessage}s without going through JSON. */
public final class Msg {
    public static final long T0 = Json.NOW - 3_600_000;
    private static int counter;

    private Msg() {}

    public static ControlMessage base(ControlKind kind, String target, long issuedAt) {
        ControlMessage m = new ControlMessage();
        m.messageId = "msg-" + (++counter);
        m.issuedAtMillis = issuedAt;
        m.author = "alice@ops";
        m.kind = kind;
        if (kind.isTenantKind()) m.tenantId = target;
        else m.integrationId = target;
        return m;
    }

    public static ControlMessage upsert(String id, long at, IntegrationPatch patch) {
        ControlMessage m = base(ControlKind.UPSERT_INTEGRATION, id, at);
        m.integration = patch;
        m.tenantId = patch.tenantId;
        return m;
    }

    /** A new Organization integration of tenant acme in bucket acme-trail. */
    public static ControlMessage create(String id, long at) {
        return upsert(
                id,
                at,
                new IntegrationPatch().tenantId("acme").bucket("acme-trail").organizationId("o-abcdef1234"));
    }

    public static ControlMessage status(String id, long at, IntegrationStatus s) {
        ControlMessage m = base(ControlKind.SET_STATUS, id, at);
        m.status = s;
        return m;
    }

    public static ControlMessage accounts(ControlKind kind, String id, long at, String... accounts) {
        ControlMessage m = base(kind, id, at);
        m.accounts = accounts == null ? null : ControlValidation.canonicalAccounts(Arrays.asList(accounts));
        return m;
    }

    public static ControlMessage allAccounts(String id, long at) {
        ControlMessage m = base(ControlKind.SET_ACCOUNTS, id, at);
        m.accounts = null;
        return m;
    }

    public static ControlMessage delete(String id, long at) {
        return base(ControlKind.DELETE_INTEGRATION, id, at);
    }

    public static ControlMessage licence(ControlKind kind, String tenant, long at, long validUntil) {
        ControlMessage m = base(kind, tenant, at);
        m.validUntilMillis = validUntil;
        return m;
    }

    public static List<String> list(String... s) {
        return List.of(s);
    }
}
