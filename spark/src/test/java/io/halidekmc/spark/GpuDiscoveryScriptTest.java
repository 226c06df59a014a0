package io.halidekmc.spark;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** spark/bin/getGpusResources.sh, with a stand-in nvidia-smi on PATH. */
class GpuDiscoveryScriptTest {
    @TempDir
    Path tmp;

    String run(String nvidiaSmiOutput, String cudaVisible) throws Exception {
        Path smi = tmp.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\nprintf '" + nvidiaSmiOutput + "'\n");
        smi.toFile().setExecutable(true);
        ProcessBuilder pb = new ProcessBuilder("bash", Path.of("bin/getGpusResources.sh").toAbsolutePath().toString());
        pb.environment().put("PATH", tmp + ":/usr/bin:/bin");
        pb.environment().remove("CUDA_VISIBLE_DEVICES");
        if (cudaVisible != null) pb.environment().put("CUDA_VISIBLE_DEVICES", cudaVisible);
        Process p = pb.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), out);
        return out;
    }

    @Test
    void listsNvidiaSmiIndicesOrTheVisibleDevicesRenumbered() throws Exception {
        assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}", run("0\\n1\\n", null));
        assertEquals("{\"name\": \"gpu\", \"addresses\": []}", run("", null));
        // CUDA numbers the visible devices from 0 whatever their physical index
        assertEquals("{\"name\": \"gpu\", \"addresses\": [\"0\", \"1\"]}", run("0\\n1\\n2\\n3\\n", "2,3"));
        assertEquals("{\"name\": \"gpu\", \"addresses\": []}", run("0\\n", "-1"));
    }
}
