package io.trailstream.routing;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Applies a {@link RouteDecision}'s include-list to each parsed record's {@code recipientAccountId}:
 * a record is kept only if its account is allowed, and one whose account is not the key's is a
 * mismatch. A record without a recipient account is judged by the key's account, which routing
 * already allowed. Built once per object; cheap per record.
 */
public final class RecordFilter {
    private final Set<String> allowed;
    private final String keyAccountId;

    /** @param includedAccounts null for all accounts */
    public RecordFilter(List<String> includedAccounts, String keyAccountId) {
        this.allowed = includedAccounts == null ? null : new HashSet<>(includedAccounts);
        this.keyAccountId = keyAccountId;
    }

    public static RecordFilter of(RouteDecision decision) {
        return new RecordFilter(decision.includedAccounts, decision.keyAccountId);
    }

    public RecordVerdict check(String recipientAccountId) {
        String account = recipientAccountId == null || recipientAccountId.isEmpty() ? keyAccountId : recipientAccountId;
        boolean mismatch = account != null && keyAccountId != null && !account.equals(keyAccountId);
        boolean kept = allowed == null || (account != null && allowed.contains(account));
        if (kept) return mismatch ? RecordVerdict.KEEP_MISMATCH : RecordVerdict.KEEP;
        return mismatch ? RecordVerdict.DROP_ACCOUNT_MISMATCH : RecordVerdict.DROP_ACCOUNT;
    }
}
