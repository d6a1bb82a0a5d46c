package org.latentspark.jobs.baselines;

import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.SparseVector;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.latentspark.common.UserInputException;
import org.latentspark.common.metrics.text.BagOfWords;
import org.latentspark.common.metrics.text.DocumentCompletion;
import scala.collection.Seq;

/**
 * Documents stored as bag-of-words columns ({@value #INDICES} and {@value #COUNTS}, both array&lt;int&gt;) as
 * the Spark ML count vectors that {@code org.apache.spark.ml.clustering.LDA} reads: whole, or split into the
 * observed and evaluated halves of {@link DocumentCompletion}.
 */
public final class DocumentVectors {
    /** The column of each document's distinct word indices, increasing. */
    public static final String INDICES = "indices";
    /** The column of how often each of those words occurs. */
    public static final String COUNTS = "counts";

    private static final DataType INT_ARRAY = DataTypes.createArrayType(DataTypes.IntegerType);

    private DocumentVectors() {
    }

    /** Fails before any work runs, naming the column, unless {@code schema} has both columns as array&lt;int&gt;. */
    public static void checkSchema(StructType schema) {
        for (String column : new String[] {INDICES, COUNTS}) {
            StructField field = null;
            for (StructField f : schema.fields()) {
                if (f.name().equals(column)) {
                    field = f;
                }
            }
            if (field == null) {
                throw new UserInputException("documents have no column '" + column + "' (array<int>); columns: "
                        + String.join(", ", schema.fieldNames()));
            }
            if (!(field.dataType() instanceof ArrayType a) || !a.elementType().equals(DataTypes.IntegerType)) {
                throw new UserInputException("documents' column '" + column + "' is " + field.dataType().simpleString()
                        + ", expected " + INT_ARRAY.simpleString());
            }
        }
    }

    /** A UDF of ({@value #INDICES}, {@value #COUNTS}) giving the document's count vector of size V. */
    public static UserDefinedFunction whole(int vocabularySize) {
        return udf((indices, counts) -> vector(document(indices, counts, vocabularySize), vocabularySize));
    }

    /** The same for the observed half of each document ({@link DocumentCompletion#observed}). */
    public static UserDefinedFunction observedHalf(int vocabularySize) {
        return udf((indices, counts) -> vector(
                DocumentCompletion.split(document(indices, counts, vocabularySize)).observed(), vocabularySize));
    }

    /** The same for the evaluated half of each document ({@link DocumentCompletion#evaluated}). */
    public static UserDefinedFunction evaluatedHalf(int vocabularySize) {
        return udf((indices, counts) -> vector(
                DocumentCompletion.split(document(indices, counts, vocabularySize)).evaluated(), vocabularySize));
    }

    /** A count vector back as a document; its values must be positive whole numbers. */
    public static BagOfWords document(Vector counts) {
        SparseVector sparse = counts.toSparse();
        int[] c = new int[sparse.values().length];
        for (int i = 0; i < c.length; i++) {
            c[i] = (int) sparse.values()[i];
        }
        return BagOfWords.of(sparse.indices(), c, sparse.size());
    }

    private static UserDefinedFunction udf(UDF2<Seq<Integer>, Seq<Integer>, Vector> f) {
        return functions.udf(f, SQLDataTypes.VectorType());
    }

    private static BagOfWords document(Seq<Integer> indices, Seq<Integer> counts, int vocabularySize) {
        return BagOfWords.of(ints(indices, INDICES), ints(counts, COUNTS), vocabularySize);
    }

    private static int[] ints(Seq<Integer> values, String column) {
        if (values == null) {
            throw new UserInputException("a document's " + column + " is null");
        }
        int[] out = new int[values.length()];
        for (int i = 0; i < out.length; i++) {
            Integer v = values.apply(i);
            if (v == null) {
                throw new UserInputException("a document's " + column + "[" + i + "] is null");
            }
            out[i] = v;
        }
        return out;
    }

    private static Vector vector(BagOfWords document, int vocabularySize) {
        double[] values = new double[document.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = document.count(i);
        }
        return Vectors.sparse(vocabularySize, document.indices(), values);
    }
}
