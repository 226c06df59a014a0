package io.halidekmc.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The XDMF 3 sidecar NAME.xdmf beside NAME.h5 that ParaView and meshio open as a time series:
 * one point set (the crystal sites, /snapshots/positions_angstrom, written once) with one vertex
 * cell per site, and per snapshot a Time and the species of every site as point data. It follows
 * the layout meshio's own TimeSeriesWriter writes (a Uniform mesh grid, then a Temporal
 * collection whose grids include its Topology and Geometry), since meshio reads only that.
 *
 * <p>Each frame's species is its own dataset under /snapshots/xdmf rather than a HyperSlab of
 * /snapshots/occupancy: ParaView reads HyperSlabs, but meshio's reader (5.x) does not.
 */
final class XdmfWriter {
    private XdmfWriter() {}

    static void write(Path target, String h5Name, int sites, List<Double> times) throws IOException {
        StringBuilder b = new StringBuilder(512 + 400 * times.size());
        b.append("<?xml version=\"1.0\"?>\n");
        b.append("<Xdmf Version=\"3.0\" xmlns:xi=\"http://www.w3.org/2001/XInclude\">\n<Domain>\n");
        b.append("<Grid Name=\"sites\" GridType=\"Uniform\">\n");
        b.append("  <Topology TopologyType=\"Polyvertex\" NumberOfElements=\"").append(sites).append("\" NodesPerElement=\"1\">\n");
        item(b, "    ", sites + " 1", "Int", 4, h5Name, SnapshotDatasets.XDMF + "/vertex");
        b.append("  </Topology>\n  <Geometry GeometryType=\"XYZ\">\n");
        item(b, "    ", sites + " 3", "Float", 4, h5Name, SnapshotDatasets.PATH + "/positions_angstrom");
        b.append("  </Geometry>\n</Grid>\n");
        b.append("<Grid Name=\"snapshots\" GridType=\"Collection\" CollectionType=\"Temporal\">\n");
        for (int i = 0; i < times.size(); i++) {
            b.append("  <Grid Name=\"frame ").append(i).append("\" GridType=\"Uniform\">\n");
            b.append("    <xi:include xpointer=\"xpointer(//Grid[@Name=&quot;sites&quot;]/*[self::Topology or self::Geometry])\"/>\n");
            b.append("    <Time Value=\"").append(times.get(i)).append("\"/>\n");
            b.append("    <Attribute Name=\"species\" AttributeType=\"Scalar\" Center=\"Node\">\n");
            item(b, "      ", Integer.toString(sites), "Char", 1, h5Name, SnapshotDatasets.frameDataset(i));
            b.append("    </Attribute>\n  </Grid>\n");
        }
        b.append("</Grid>\n</Domain>\n</Xdmf>\n");
        OutputFiles.writeAtomically(target, tmp -> Files.writeString(tmp, b, StandardCharsets.UTF_8));
    }

    private static void item(StringBuilder b, String indent, String dims, String type, int precision, String h5, String path) {
        b.append(indent).append("<DataItem Dimensions=\"").append(dims).append("\" NumberType=\"").append(type)
                .append("\" Precision=\"").append(precision).append("\" Format=\"HDF\">")
                .append(xml(h5)).append(':').append(path).append("</DataItem>\n");
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
