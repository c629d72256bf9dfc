package io.trailstream.object.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailstream.notification.ObjectRef;
import io.trailstream.testing.S3Emulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The emulator's request log, which other tests rely on to prove an object was (not) fetched. */
class S3EmulatorTest {
    @RegisterExtension
    static final S3Emulator S3 = new S3Emulator("bucket");

    @Test
    void listensOnLoopbackWithInitialBucket() {
        assertThat(S3.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(S3.client().listBuckets().buckets())
                .anySatisfy(b -> assertThat(b.name()).isEqualTo("bucket"));
    }

    @Test
    void countsGetObjectRequestsThatReachedTheServer() throws IOException {
        S3.createBucket("other");
        S3.put("other", "dir/a b+c.json", "{}".getBytes(StandardCharsets.UTF_8));
        S3.put("other", "dir/d.json", "{}".getBytes(StandardCharsets.UTF_8));
        S3.clearRequests();
        assertThat(S3.getObjectRequests()).as("setup traffic forgotten").isZero();

        try (ObjectStore store =
                ObjectStoreFactory.fromConfiguration(S3.configuration()).create()) {
            for (int i = 0; i < 2; i++) {
                try (OpenedObject object = store.open(ObjectRef.s3("other", "dir/a b+c.json"))) {
                    object.stream().readAllBytes();
                }
            }
            try (OpenedObject object = store.open(ObjectRef.s3("other", "dir/d.json"))) {
                object.stream().readAllBytes();
            }
            assertThatThrownBy(() -> store.open(ObjectRef.s3("other", "missing.json")))
                    .isInstanceOf(ObjectMissingException.class);
        }
        S3.put("other", "dir/e.json", "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(S3.getObjectRequests("other", "dir/a b+c.json")).isEqualTo(2);
        assertThat(S3.getObjectRequests("other", "dir/d.json")).isEqualTo(1);
        assertThat(S3.getObjectRequests("other", "missing.json")).isEqualTo(1);
        assertThat(S3.getObjectRequests()).isEqualTo(4);
        assertThat(S3.requests())
                .filteredOn(r -> r.method.equals("PUT"))
                .singleElement()
                .satisfies(r -> assertThat(r.path).isEqualTo("/other/dir/e.json"));

        S3.clearRequests();
        assertThat(S3.getObjectRequests()).isZero();
    }
}
