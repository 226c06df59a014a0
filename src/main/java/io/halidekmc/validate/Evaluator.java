package io.halidekmc.validate;

import io.halidekmc.run.RunResult;

import java.util.Map;

/** Turns the named runs of one validation case into the one number compared with its target. */
@FunctionalInterface
public interface Evaluator {
    double evaluate(Map<String, RunResult> runs);
}
