#!/usr/bin/env bash
# Submits a latentspark command to a cluster. Usage:
#   deploy/spark-submit.sh <master> <command> [latentspark options...]
#   deploy/spark-submit.sh yarn pipeline --config s3a://bucket/conf/run.conf --output s3a://bucket/latentspark
#   deploy/spark-submit.sh k8s://https://api.example:6443 train --config /opt/latentspark/conf/run.conf ...
# Build the application jar first: mvn -B -DskipTests package (jobs/target/*-app.jar; Spark and Hadoop provided).
set -euo pipefail
master="$1"; shift
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${LATENTSPARK_JAR:-$root/jobs/target/latentspark-jobs-0.1.0-SNAPSHOT-app.jar}"
# Aeron (gradient sharing) dies at start unless this exceeds its 30 s client liveness timeout.
aeron="-Daeron.publication.unblock.timeout=60000000000"
extra=()
if [[ "$master" == k8s://* ]]; then
  extra+=(--deploy-mode cluster
    --conf spark.kubernetes.container.image="${LATENTSPARK_IMAGE:-latentspark:0.1.0}"
    --conf spark.kubernetes.executor.podTemplateFile="$root/deploy/kubernetes/executor-pod-template.yaml"
    --conf spark.kubernetes.driver.podTemplateFile="$root/deploy/kubernetes/executor-pod-template.yaml")
  jar="local:///opt/latentspark/latentspark-app.jar"
fi
# glibc keeps what ND4J frees in one malloc arena per allocating thread; two bound the driver's and executors' memory
# (the application sets spark.executorEnv.MALLOC_ARENA_MAX itself; the driver's environment is set here).
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
# ND4J's OpenMP threads wait passively between ops instead of spinning on the cores OpenBLAS needs (executors: the
# application sets spark.executorEnv.OMP_WAIT_POLICY itself).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
exec spark-submit --master "$master" \
  --class org.latentspark.jobs.cli.LatentSparkCli \
  --conf spark.yarn.appMasterEnv.MALLOC_ARENA_MAX="$MALLOC_ARENA_MAX" \
  --conf spark.kubernetes.driverEnv.MALLOC_ARENA_MAX="$MALLOC_ARENA_MAX" \
  --conf spark.yarn.appMasterEnv.OMP_WAIT_POLICY="$OMP_WAIT_POLICY" \
  --conf spark.kubernetes.driverEnv.OMP_WAIT_POLICY="$OMP_WAIT_POLICY" \
  --conf spark.driver.extraJavaOptions="$aeron" \
  --conf spark.executor.extraJavaOptions="$aeron" \
  "${extra[@]}" "$jar" "$@"
