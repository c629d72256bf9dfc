package io.trailstream.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RecordFilterTest {
    @Test
    void allAccountsKeepsEverythingAndCountsMismatches() {
        RecordFilter f = new RecordFilter(null, "111111111111");
        assertThat(f.check("111111111111")).isEqualTo(RecordVerdict.KEEP);
        assertThat(f.check("222222222222")).isEqualTo(RecordVerdict.KEEP_MISMATCH);
        assertThat(f.check(null)).isEqualTo(RecordVerdict.KEEP);
        assertThat(f.check("")).isEqualTo(RecordVerdict.KEEP);
    }

    @Test
    void includeListKeepsOnlyAllowedAccounts() {
        RecordFilter f = new RecordFilter(List.of("111111111111", "222222222222"), "111111111111");
        assertThat(f.check("111111111111")).isEqualTo(RecordVerdict.KEEP);
        RecordVerdict other = f.check("222222222222");
        assertThat(other).isEqualTo(RecordVerdict.KEEP_MISMATCH);
        assertThat(other.kept()).isTrue();
        assertThat(other.mismatch()).isTrue();
        RecordVerdict outside = f.check("333333333333");
        assertThat(outside).isEqualTo(RecordVerdict.DROP_ACCOUNT_MISMATCH);
        assertThat(outside.kept()).isFalse();
        assertThat(f.check(null)).as("judged by the key's account").isEqualTo(RecordVerdict.KEEP);
    }

    @Test
    void keyWithoutAccount() {
        RecordFilter f = new RecordFilter(List.of("111111111111"), null);
        assertThat(f.check("111111111111")).isEqualTo(RecordVerdict.KEEP);
        assertThat(f.check("222222222222")).isEqualTo(RecordVerdict.DROP_ACCOUNT);
        assertThat(f.check(null)).isEqualTo(RecordVerdict.DROP_ACCOUNT);
    }

    @Test
    void builtFromADecision() {
        RouteDecision d = new RouteDecision();
        d.outcome = RouteOutcome.FETCH;
        d.includedAccounts = List.of("111111111111");
        d.keyAccountId = "111111111111";
        assertThat(RecordFilter.of(d).check("222222222222")).isEqualTo(RecordVerdict.DROP_ACCOUNT_MISMATCH);
    }
}
