#!/usr/bin/env python3
"""Splits an async-profiler CPU profile (collapsed stacks) by framework part, as docs/performance.md reports it.

Usage: bench/profile-breakdown.py profile.collapsed [top]
Each sample goes to one part: the JIT or the GC when the thread is theirs, otherwise the part of the frame nearest
the leaf that belongs to a known part (JDK-internal frames such as java.util or a kernel frame go to the nearest
caller that is known); samples with no known frame are "other". Prints parts by share, then the `top` leaf methods.
"""
import collections
import sys

PARTS = [  # (part, frame prefixes), the first match wins
    ("phone-gateway's own code", ("io/phonegateway", "io.phonegateway")),
    ("Micrometer", ("io/micrometer", "io.micrometer", "io/quarkus/micrometer", "io.quarkus.micrometer")),
    ("logging", ("org/jboss/logmanager", "org.jboss.logmanager", "org/jboss/logging", "org.jboss.logging",
                 "io/quarkus/logging", "io.quarkus.logging", "io/quarkus/bootstrap/logging")),
    ("context propagation", ("io/smallrye/context", "io.smallrye.context", "io/quarkus/smallrye/context")),
    ("fault tolerance", ("io/smallrye/faulttolerance", "io.smallrye.faulttolerance")),
    ("Mutiny", ("io/smallrye/mutiny", "io.smallrye.mutiny")),
    ("REST client", ("org/jboss/resteasy/reactive/client", "org.jboss.resteasy.reactive.client",
                     "io/quarkus/rest/client", "io.quarkus.rest.client", "io/quarkus/restclient")),
    ("REST server and CDI", ("org/jboss/resteasy/reactive", "org.jboss.resteasy.reactive", "io/quarkus/resteasy",
                             "io.quarkus.resteasy", "io/quarkus/arc", "io.quarkus.arc", "io/quarkus/vertx/http",
                             "io.quarkus.vertx.http", "io/vertx/ext/web", "io.vertx.ext.web")),
    ("Redis client", ("io/vertx/redis", "io.vertx.redis", "io/quarkus/redis", "io.quarkus.redis")),
    ("Jackson", ("com/fasterxml/jackson", "com.fasterxml.jackson", "io/vertx/core/json", "io.vertx.core.json")),
    ("crypto", ("javax/crypto", "javax.crypto", "com/sun/crypto", "com.sun.crypto", "sun/security",
                "sun.security", "java/security", "java.security")),
    ("libphonenumber", ("com/google/i18n", "com.google.i18n")),
    ("Vert.x core and Netty", ("io/vertx", "io.vertx", "io/netty", "io.netty")),
]


GC_FRAMES = ("GCTaskThread", "VMThread::", "ConcurrentGCThread", "WorkerThread::", "G1", "SerialHeap",
             "GenCollectedHeap", "DefNewGeneration", "TenuredGeneration", "CollectedHeap::", "MemAllocator::")


def part_of(frames):
    joined = ";".join(frames)
    if "CompileBroker::" in joined:
        return "JIT compilers"
    if any(f.startswith(GC_FRAMES) for f in frames):
        return "GC and VM threads"
    for frame in reversed(frames):
        for part, prefixes in PARTS:
            if frame.startswith(prefixes):
                return part
    if any(f.startswith(("java/", "java.", "jdk/", "jdk.", "sun/", "sun.")) for f in frames):
        return "JDK (no framework frame)"
    return "other (VM, kernel, interpreter)"


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    parts = collections.Counter()
    leaves = collections.Counter()
    total = 0
    with open(path) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not stack:
                continue
            n = int(count)
            frames = stack.split(";")
            parts[part_of(frames)] += n
            leaves[frames[-1]] += n
            total += n
    print(f"{total} samples")
    print("| part | share |")
    print("|---|---:|")
    for part, n in parts.most_common():
        print(f"| {part} | {100 * n / total:.1f} % |")
    print()
    print("| leaf method | share |")
    print("|---|---:|")
    for leaf, n in leaves.most_common(top):
        print(f"| `{leaf[:110]}` | {100 * n / total:.1f} % |")


if __name__ == "__main__":
    main()
