package org.latentspark.jobs.spark;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import org.nd4j.kryo.Nd4jRegistrator;

/**
 * ND4J's Kryo registrations, plus Java serialization for Java records: the Kryo that Spark 3.5 ships (4.x) cannot
 * read a record's fields ("can't get field offset on a record class"), and our broadcasts and task closures carry
 * records (binned-trial payloads, settings, batch encoders).
 */
public class KryoRegistrator extends Nd4jRegistrator {
    @Override
    public void registerClasses(Kryo kryo) {
        super.registerClasses(kryo);
        kryo.addDefaultSerializer(Record.class, JavaSerializer.class);
    }
}
