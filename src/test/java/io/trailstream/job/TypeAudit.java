package io.trailstream.job;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.CompositeType;
import org.apache.flink.api.dag.Transformation;
import org.apache.flink.api.java.typeutils.GenericTypeInfo;
import org.apache.flink.api.java.typeutils.ObjectArrayTypeInfo;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.operators.AbstractUdfStreamOperator;
import org.apache.flink.streaming.api.operators.SimpleOperatorFactory;
import org.apache.flink.streaming.api.operators.StreamOperatorFactory;
import org.apache.flink.streaming.api.transformations.KeyedBroadcastStateTransformation;
import org.apache.flink.streaming.api.transformations.OneInputTransformation;
import org.apache.flink.streaming.api.transformations.PhysicalTransformation;
import org.apache.flink.streaming.api.transformations.SinkTransformation;
import org.apache.flink.streaming.api.transformations.SourceTransformation;
import org.apache.flink.streaming.api.transformations.TwoInputTransformation;

/**
 * What a topology's transformations carry, sorted by who owns them: a transformation is Iceberg's when the
 * class doing its work (operator, user function, source, sink) is in {@code org.apache.iceberg}, or when all
 * its inputs are Iceberg's (the edges and the final sink after Iceberg's committer); every other one is ours.
 * Types are walked to every depth (POJO fields, composite and array elements, generic parameters), output and
 * state key types alike, so a Kryo field inside a POJO is found, not only a Kryo value.
 */
final class TypeAudit {
    private static final String ICEBERG = "org.apache.iceberg.";

    /** A type Flink serializes with Kryo, where it was found: transformation name and field path. */
    record KryoUse(String transformation, String path, String type) {}

    final List<KryoUse> kryoOfOurs = new ArrayList<>();
    final List<KryoUse> kryoOfIceberg = new ArrayList<>();
    final Set<Class<?>> pojosOfOurs = new LinkedHashSet<>();
    final List<String> oursWithoutUid = new ArrayList<>();
    private final Map<Integer, Boolean> iceberg = new HashMap<>();

    static TypeAudit of(StreamExecutionEnvironment env) {
        Set<Transformation<?>> all = new LinkedHashSet<>();
        for (Transformation<?> t : env.getTransformations()) all.addAll(t.getTransitivePredecessors());
        TypeAudit audit = new TypeAudit();
        for (Transformation<?> t : all) audit.inspect(t);
        return audit;
    }

    private void inspect(Transformation<?> t) {
        boolean theirs = isIceberg(t);
        List<KryoUse> kryo = theirs ? kryoOfIceberg : kryoOfOurs;
        walk(t.getOutputType(), t.getName(), "", kryo, theirs, new LinkedHashSet<>());
        TypeInformation<?> key = stateKeyType(t);
        if (key != null) walk(key, t.getName(), "(key)", kryo, theirs, new LinkedHashSet<>());
        if (!theirs && t instanceof PhysicalTransformation && t.getUid() == null) oursWithoutUid.add(t.getName());
    }

    private boolean isIceberg(Transformation<?> t) {
        Boolean known = iceberg.get(t.getId());
        if (known != null) return known;
        Class<?> work = workClass(t);
        boolean result;
        if (work != null && work.getName().startsWith(ICEBERG)) {
            result = true;
        } else {
            result = !t.getInputs().isEmpty() && t.getInputs().stream().allMatch(this::isIceberg);
        }
        iceberg.put(t.getId(), result);
        return result;
    }

    /** The class whose code the transformation runs; null for the virtual ones (partition, union, side output). */
    private static Class<?> workClass(Transformation<?> t) {
        if (t instanceof OneInputTransformation)
            return operatorClass(((OneInputTransformation<?, ?>) t).getOperatorFactory());
        if (t instanceof TwoInputTransformation) {
            return operatorClass(((TwoInputTransformation<?, ?, ?>) t).getOperatorFactory());
        }
        if (t instanceof KeyedBroadcastStateTransformation) {
            return ((KeyedBroadcastStateTransformation<?, ?, ?, ?>) t)
                    .getUserFunction()
                    .getClass();
        }
        if (t instanceof SourceTransformation)
            return ((SourceTransformation<?, ?, ?>) t).getSource().getClass();
        if (t instanceof SinkTransformation)
            return ((SinkTransformation<?, ?>) t).getSink().getClass();
        return null;
    }

    private static Class<?> operatorClass(StreamOperatorFactory<?> factory) {
        if (factory instanceof SimpleOperatorFactory) {
            Object operator = ((SimpleOperatorFactory<?>) factory).getOperator();
            return operator instanceof AbstractUdfStreamOperator
                    ? ((AbstractUdfStreamOperator<?, ?>) operator)
                            .getUserFunction()
                            .getClass()
                    : operator.getClass();
        }
        return factory.getClass();
    }

    private static TypeInformation<?> stateKeyType(Transformation<?> t) {
        if (t instanceof OneInputTransformation) return ((OneInputTransformation<?, ?>) t).getStateKeyType();
        if (t instanceof KeyedBroadcastStateTransformation) {
            return ((KeyedBroadcastStateTransformation<?, ?, ?, ?>) t).getStateKeyType();
        }
        return null;
    }

    private void walk(
            TypeInformation<?> type,
            String transformation,
            String path,
            List<KryoUse> kryo,
            boolean theirs,
            Set<TypeInformation<?>> seen) {
        if (type == null || !seen.add(type)) return;
        if (type instanceof GenericTypeInfo) {
            kryo.add(new KryoUse(transformation, path, type.getTypeClass().getName()));
        } else if (type instanceof PojoTypeInfo) {
            PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) type;
            if (!theirs) pojosOfOurs.add(pojo.getTypeClass());
            for (int i = 0; i < pojo.getArity(); i++) {
                PojoField field = pojo.getPojoFieldAt(i);
                walk(
                        field.getTypeInformation(),
                        transformation,
                        path + "." + field.getField().getName(),
                        kryo,
                        theirs,
                        seen);
            }
        } else if (type instanceof CompositeType) {
            CompositeType<?> composite = (CompositeType<?>) type;
            for (int i = 0; i < composite.getArity(); i++) {
                walk(composite.getTypeAt(i), transformation, path + "[" + i + "]", kryo, theirs, seen);
            }
        } else if (type instanceof ObjectArrayTypeInfo) {
            walk(
                    ((ObjectArrayTypeInfo<?, ?>) type).getComponentInfo(),
                    transformation,
                    path + "[]",
                    kryo,
                    theirs,
                    seen);
        }
        for (Map.Entry<String, TypeInformation<?>> p :
                type.getGenericParameters().entrySet()) {
            walk(p.getValue(), transformation, path + "<" + p.getKey() + ">", kryo, theirs, seen);
        }
        seen.remove(type);
    }
}
