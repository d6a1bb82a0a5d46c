"""Daily latentspark pipeline from Airflow: shard -> train -> embed -> evaluate as one Spark application.

Uses apache-airflow-providers-apache-spark's SparkSubmitOperator with a `spark_default` connection pointing at the
cluster (YARN or Kubernetes). The run id is the logical date, so notebooks find the outputs under
runs/<ds_nodash>/, and a retry passes --resume to continue the unfinished run from its latest checkpoint instead of
failing on the half-done one.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

AERON = "-Daeron.publication.unblock.timeout=60000000000"
OUTPUT = "s3a://lake/latentspark"
CONFIG = "/opt/latentspark/conf/examples/demo-sprites.conf"

with DAG(
    dag_id="latentspark_images",
    start_date=datetime(2026, 11, 1),
    schedule="@daily",
    catchup=False,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
    # Templates render to Python objects, so application_args can be computed as a list per try.
    render_template_as_native_obj=True,
) as dag:
    SparkSubmitOperator(
        task_id="pipeline",
        application="/opt/latentspark/latentspark-app.jar",
        java_class="org.latentspark.jobs.cli.LatentSparkCli",
        conf={
            "spark.driver.extraJavaOptions": AERON,
            "spark.executor.extraJavaOptions": AERON,
        },
        application_args=(
            "{{ ['pipeline', '--config', '" + CONFIG + "', '--output', '" + OUTPUT + "', '--run-id', ds_nodash]"
            " + (['--resume'] if task_instance.try_number > 1 else []) }}"
        ),
    )
