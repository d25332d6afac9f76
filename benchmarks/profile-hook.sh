#!/usr/bin/env bash
# Starts or stops profiling a JVM that was launched with -agentpath:LIB (async-profiler) and
# -XX:StartFlightRecording=name=bench: async-profiler samples CPU (with kernel frames) between
# start and stop; JFR (allocation, GC, locks) is dumped for the last BENCH_STEP_SECS seconds.
# Used by run.sh, directly or as FanOut's measure hooks.
#
#   profile-hook.sh start PID LIB
#   profile-hook.sh stop  PID LIB OUT_PREFIX     # writes OUT_PREFIX.collapsed and OUT_PREFIX.jfr
#
# OUT_PREFIX may contain @RATE@, replaced by $BENCH_RATE (set by FanOut for each step).
set -euo pipefail
action=$1 pid=$2 lib=$3
case $action in
  start)
    # The quotes keep jcmd from reading "event=cpu" as one of its own options.
    timeout 60 jcmd "$pid" JVMTI.agent_load "$lib" '"start,event=cpu,interval=1ms"' > /dev/null
    ;;
  stop)
    prefix=${4//@RATE@/${BENCH_RATE:-x}}
    timeout 60 jcmd "$pid" JVMTI.agent_load "$lib" "\"stop,file=$prefix.collapsed,collapsed\"" > /dev/null
    timeout 60 jcmd "$pid" JFR.dump name=bench begin="-${BENCH_STEP_SECS:-10}s" filename="$prefix.jfr" > /dev/null
    ;;
  *)
    echo "usage: $0 start|stop PID LIB [OUT_PREFIX]" >&2; exit 2 ;;
esac
