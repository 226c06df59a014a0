package io.halidekmc.spark;

import io.halidekmc.sweep.SweepSpec;
import io.halidekmc.sweep.Grid;
import io.halidekmc.sweep.SweepRow;
import io.halidekmc.sweep.SweepTable;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * sweep.parquet: the sweep table as Spark SQL writes it (a folder with one part file), the same
 * columns as sweep.csv; a grid axis whose values are all numbers is a double column. Written by
 * the executors, so on a real cluster DIR must be on storage they share with the driver.
 */
final class ParquetTable {
    private ParquetTable() {}

    static Path write(JavaSparkContext sc, SweepSpec spec, List<SweepRow> rows, Path target) throws IOException {
        List<String> axes = Grid.axisPaths(spec);
        List<String> columns = SweepTable.columns(spec);
        boolean[] numericAxis = new boolean[axes.size()];
        for (int a = 0; a < axes.size(); a++) {
            numericAxis[a] = true;
            for (SweepRow r : rows) numericAxis[a] &= isNumber(r.values().get(a));
        }
        List<StructField> fields = new ArrayList<>();
        for (String c : columns) {
            int a = axes.indexOf(c);
            DataType t = switch (c) {
                case "point" -> DataTypes.IntegerType;
                case "seed", "events" -> DataTypes.LongType;
                case "wall_s" -> DataTypes.DoubleType;
                case "backend", "device", "host", "status", "error" -> DataTypes.StringType;
                default -> a >= 0 ? (numericAxis[a] ? DataTypes.DoubleType : DataTypes.StringType) : DataTypes.DoubleType;
            };
            fields.add(DataTypes.createStructField(c, t, true));
        }
        List<Row> data = new ArrayList<>();
        for (SweepRow r : rows) {
            List<Object> v = new ArrayList<>();
            for (String c : columns) {
                int a = axes.indexOf(c);
                v.add(switch (c) {
                    case "point" -> r.index();
                    case "seed" -> r.seed();
                    case "events" -> spec.outcomes().contains("events") ? r.outcome("events") : (Object) r.events();
                    case "wall_s" -> r.wallSeconds();
                    case "backend" -> r.backend();
                    case "device" -> r.device();
                    case "host" -> r.host();
                    case "status" -> r.status();
                    case "error" -> r.error();
                    default -> a >= 0 ? (numericAxis[a] ? Double.parseDouble(r.values().get(a)) : r.values().get(a)) : (Object) r.outcome(c);
                });
            }
            data.add(RowFactory.create(v.toArray()));
        }
        // "events" is an outcome (double) when the sweep lists it as one, else the events column (long)
        if (spec.outcomes().contains("events")) {
            int i = columns.indexOf("events");
            fields.set(i, DataTypes.createStructField("events", DataTypes.DoubleType, true));
        }
        try {
            SparkSession session = SparkSession.builder().sparkContext(sc.sc()).getOrCreate();
            session.createDataFrame(data, new StructType(fields.toArray(new StructField[0])))
                    .coalesce(1).write().mode(SaveMode.Overwrite).parquet(target.toAbsolutePath().toUri().toString());
        } catch (RuntimeException e) {
            throw new IOException("sweep.parquet: " + e.getMessage(), e);
        }
        return target;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
