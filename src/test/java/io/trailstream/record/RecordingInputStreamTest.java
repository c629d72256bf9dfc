package io.trailstream.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RecordingInputStreamTest {
    private static final byte[] DATA = new byte[2_000_000];

    static {
        for (int i = 0; i < DATA.length; i++) DATA[i] = (byte) (i * 31 + i / 7);
    }

    @Test
    void passesBytesThroughAndCountsThem() throws IOException {
        RecordingInputStream in = new RecordingInputStream();
        in.reset(new ByteArrayInputStream(DATA));
        assertThat(in.readAllBytes()).isEqualTo(DATA);
        assertThat(in.position()).isEqualTo(DATA.length);
    }

    @Test
    void keepsPinnedBytesWhateverIsReadAfterThem() throws IOException {
        RecordingInputStream in = new RecordingInputStream();
        in.reset(new ByteArrayInputStream(DATA));
        byte[] chunk = new byte[8000];
        in.read(chunk, 0, chunk.length);
        in.pin(5000);
        while (in.read(chunk, 0, chunk.length) > 0) {
            // read everything while pinned
        }
        assertThat(in.copy(5000, DATA.length)).isEqualTo(Arrays.copyOfRange(DATA, 5000, DATA.length));
    }

    @Test
    void keepsOnlyATailWhenNothingIsPinned() throws IOException {
        RecordingInputStream in = new RecordingInputStream();
        in.reset(new ByteArrayInputStream(DATA));
        byte[] chunk = new byte[8000];
        while (in.read(chunk, 0, chunk.length) > 0) {
            // stream through
        }
        long end = in.position();
        assertThat(in.copy(end - 16_000, end)).isEqualTo(Arrays.copyOfRange(DATA, DATA.length - 16_000, DATA.length));
        assertThatThrownBy(() -> in.pin(0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> in.copy(0, 10)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void singleByteReadsAreRecordedToo() throws IOException {
        RecordingInputStream in = new RecordingInputStream();
        in.reset(new ByteArrayInputStream(new byte[] {1, 2, 3}));
        assertThat(in.read()).isEqualTo(1);
        assertThat(in.read(new byte[2], 0, 2)).isEqualTo(2);
        assertThat(in.read()).isEqualTo(-1);
        assertThat(in.copy(0, 3)).containsExactly(1, 2, 3);
    }

    @Test
    void resetStartsOverAtOffsetZero() throws IOException {
        RecordingInputStream in = new RecordingInputStream();
        in.reset(new ByteArrayInputStream(DATA));
        in.readAllBytes();
        in.reset(new ByteArrayInputStream(new byte[] {9, 8}));
        in.readAllBytes();
        assertThat(in.position()).isEqualTo(2);
        assertThat(in.copy(0, 2)).containsExactly(9, 8);
    }

    @Test
    void aPinOutgrowingTheLimitIsLetGoAndSaysSo() throws IOException {
        RecordingInputStream in = new RecordingInputStream(100_000);
        in.reset(new ByteArrayInputStream(DATA));
        byte[] chunk = new byte[8000];
        in.read(chunk, 0, chunk.length);
        in.pin(5000);
        while (in.read(chunk, 0, chunk.length) > 0) {
            // read far past the limit while pinned
        }
        assertThat(in.overflowed()).isTrue();
        assertThatThrownBy(() -> in.copy(5000, 6000)).isInstanceOf(IllegalStateException.class);
        long end = in.position();
        assertThat(in.copy(end - 16_000, end)).isEqualTo(Arrays.copyOfRange(DATA, DATA.length - 16_000, DATA.length));
        in.pin(end - 1000);
        assertThat(in.overflowed()).as("a new pin starts over").isFalse();
    }

    @Test
    void aPinWithinTheLimitIsKept() throws IOException {
        RecordingInputStream in = new RecordingInputStream(1_000_000);
        in.reset(new ByteArrayInputStream(DATA));
        byte[] chunk = new byte[8000];
        in.read(chunk, 0, chunk.length);
        in.pin(5000);
        while (in.position() < 1_000_000 && in.read(chunk, 0, chunk.length) > 0) {
            // read up to the limit
        }
        assertThat(in.overflowed()).isFalse();
        assertThat(in.copy(5000, 1_000_000)).isEqualTo(Arrays.copyOfRange(DATA, 5000, 1_000_000));
    }
}
