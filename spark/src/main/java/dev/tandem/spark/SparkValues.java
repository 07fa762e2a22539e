package dev.tandem.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** Python results (as Tandem returns them: Long, Double, String, List...) as values of a Spark SQL type. */
final class SparkValues {
    private SparkValues() {}

    /** The types a Tandem function may return. */
    static void checkSupported(DataType type) {
        if (type instanceof ArrayType array) {
            checkSupported(array.elementType());
        } else if (!List.of(DataTypes.IntegerType, DataTypes.LongType, DataTypes.DoubleType, DataTypes.FloatType,
                DataTypes.StringType, DataTypes.BooleanType).contains(type)) {
            throw new IllegalArgumentException("a Tandem function returns int, bigint, double, float, string, boolean"
                    + " or an array of them, not " + type.simpleString());
        }
    }

    static Object convert(Object value, DataType type, String where) {
        if (value == null) {
            return null;
        }
        if (type instanceof ArrayType array && value instanceof List<?> list) {
            List<Object> converted = new ArrayList<>(list.size());
            for (Object element : list) {
                converted.add(convert(element, array.elementType(), where));
            }
            return converted;
        }
        if (type.equals(DataTypes.IntegerType) && value instanceof Long number) {
            if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
                throw new TandemUdfException(where + " returned " + number + ", out of range for int");
            }
            return number.intValue();
        }
        if (type.equals(DataTypes.LongType) && value instanceof Long) {
            return value;
        }
        if (type.equals(DataTypes.DoubleType) && value instanceof Number number) {
            return number.doubleValue();
        }
        if (type.equals(DataTypes.FloatType) && value instanceof Number number) {
            return number.floatValue();
        }
        if (type.equals(DataTypes.StringType) && value instanceof String
                || type.equals(DataTypes.BooleanType) && value instanceof Boolean) {
            return value;
        }
        throw new TandemUdfException(where + " returned a " + value.getClass().getSimpleName() + " (" + abbreviate(value)
                + ") where the UDF declares " + type.simpleString());
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 60 ? text : text.substring(0, 57) + "...";
    }
}
