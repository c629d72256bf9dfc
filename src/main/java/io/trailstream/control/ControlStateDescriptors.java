package io.trailstream.control;

import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The two broadcast state maps the control state lives in, so that every operator that reads or
 * writes it names them the same way: integrations by id and tenants by id, both with POJO
 * serializers (no Kryo).
 */
public final class ControlStateDescriptors {
    private ControlStateDescriptors() {}

    public static MapStateDescriptor<String, Integration> integrations() {
        return new MapStateDescriptor<>("control-integrations", Types.STRING, TypeInformation.of(Integration.class));
    }

    public static MapStateDescriptor<String, Tenant> tenants() {
        return new MapStateDescriptor<>("control-tenants", Types.STRING, TypeInformation.of(Tenant.class));
    }
}
