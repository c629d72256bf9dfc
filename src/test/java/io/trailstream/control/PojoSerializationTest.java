package io.trailstream.control;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailstream.control.apply.ApplyResult;
import io.trailstream.control.apply.ControlApplier;
import io.trailstream.control.message.ControlJson;
import io.trailstream.control.message.ControlKind;
import io.trailstream.control.message.ControlMessage;
import io.trailstream.control.message.IntegrationPatch;
import io.trailstream.control.message.ParsedControl;
import io.trailstream.routing.RouteDecision;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/** Everything that lives in state or travels between operators serializes as a POJO, without Kryo. */
class PojoSerializationTest {
    @Test
    void stateAndMessageTypesArePojos() {
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Integration.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(Tenant.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(IntegrationPatch.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ControlMessage.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ParsedControl.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(ApplyResult.class);
        PojoTestUtils.assertSerializedAsPojoWithoutKryo(RouteDecision.class);
    }

    @Test
    void applyResultSurvivesASerializerRoundTrip() throws Exception {
        ControlState state = new ControlState();
        ControlApplier applier = new ControlApplier();
        applier.apply(state, Msg.create("a", Msg.T0), Json.NOW);
        ApplyResult r =
                applier.apply(state, Msg.accounts(ControlKind.SET_ACCOUNTS, "a", Msg.T0 + 1, "111111111111"), Json.NOW);
        r.message.json = ControlJson.toWire(r.message);
        assertThat(roundTrip(ApplyResult.class, r)).isEqualTo(r);
        ControlMessage upsert = Msg.create("b", Msg.T0);
        assertThat(roundTrip(ControlMessage.class, upsert)).isEqualTo(upsert);
    }

    private static <T> T roundTrip(Class<T> type, T value) throws Exception {
        TypeSerializer<T> s = TypeInformation.of(type).createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(value, out);
        return s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
