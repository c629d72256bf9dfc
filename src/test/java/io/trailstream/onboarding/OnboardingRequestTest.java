package io.trailstream.onboarding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a request accepts, and the names every step derives from it. */
class OnboardingRequestTest {
    private static final String STREAM = "arn:aws:kinesis:eu-west-1:999900001111:stream/notifications";

    static OnboardingRequest request(String id, boolean org, List<String> accounts, String principal) {
        return new OnboardingRequest(
                id,
                "acme",
                org,
                accounts,
                null,
                null,
                "/trails/",
                null,
                false,
                STREAM,
                "999900001111",
                "ext-1",
                null,
                principal);
    }

    @Test
    void badInputNamesTheOption() {
        assertThatThrownBy(() -> request("Acme_Prod", false, null, null)).hasMessageStartingWith("--integration:");
        assertThatThrownBy(() -> request("acme", false, List.of("111122223333"), null))
                .hasMessageStartingWith("--accounts:")
                .hasMessageContaining("--organization");
        assertThatThrownBy(() -> request("acme", true, List.of("12345"), null)).hasMessageStartingWith("--accounts:");
        assertThatThrownBy(() -> request("acme", false, null, "arn:aws:iam::111122223333:role/job"))
                .hasMessageStartingWith("--lake-principal:")
                .hasMessageContaining("999900001111");
        assertThatThrownBy(() -> new OnboardingRequest(
                                "acme", null, false, null, null, null, null, null, false, null, null, null, null, null)
                        .requireComplete())
                .hasMessageStartingWith("--tenant:");
    }

    @Test
    void theRequestResolvesWhatTheStepsNeed() {
        OnboardingRequest r = request("acme-prod", true, List.of("111122223333"), null);
        assertThat(r.prefix()).isEqualTo("trails");
        assertThat(r.streamRegion()).isEqualTo("eu-west-1");
        assertThat(r.streamAccount()).isEqualTo("999900001111");
        assertThat(r.lakePrincipal()).isEqualTo("arn:aws:iam::999900001111:root");
        assertThat(request("acme", false, null, "arn:aws:iam::999900001111:role/job")
                        .lakePrincipal())
                .isEqualTo("arn:aws:iam::999900001111:role/job");
    }

    @Test
    void namesFollowFromTheIdAccountAndRegion() {
        Names n = new Names("acme-prod", "111122223333", "eu-west-1");
        assertThat(n.trail()).isEqualTo("trailstream-acme-prod");
        assertThat(n.trailArn(n.trail()))
                .isEqualTo("arn:aws:cloudtrail:eu-west-1:111122223333:trail/trailstream-acme-prod");
        assertThat(n.bucket()).isEqualTo("trailstream-111122223333-acme-prod");
        assertThat(n.readRole()).isEqualTo("trailstream-acme-prod-read");
        assertThat(n.sidPrefix()).isEqualTo("TrailstreamAcmeProd");
        assertThat(new Names("a-very-long-integration-id-of-forty-char", "111122223333", "eu-west-1").bucket())
                .hasSizeLessThanOrEqualTo(63)
                .doesNotEndWith("-");
    }
}
