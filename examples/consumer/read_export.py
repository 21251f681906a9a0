#!/usr/bin/env python3
"""A training-side consumer of a SynthSmith run: the export stream (Kafka) and the dataset files (Parquet).

Needs only a Kafka client and pyarrow:  pip install confluent-kafka pyarrow

  read_export.py stream --run demo [--topic synthsmith.export.sft] [--bootstrap localhost:9092] > demo-sft.jsonl
  read_export.py files  --dir data/export/demo
"""
import argparse
import hashlib
import json
import pathlib
import sys


def stream(args):
    from confluent_kafka import Consumer

    consumer = Consumer({
        "bootstrap.servers": args.bootstrap,
        "group.id": args.group or f"training-{args.run}",
        "auto.offset.reset": "earliest",
        # Records of aborted export transactions must not be read (librdkafka's default, stated anyway).
        "isolation.level": "read_committed",
        "enable.auto.commit": True,
    })
    consumer.subscribe([args.topic])
    seen, idle = 0, 0
    try:
        while idle < args.idle_polls:
            message = consumer.poll(1.0)
            if message is None:
                idle += 1
                continue
            idle = 0
            if message.error():
                print(f"kafka error: {message.error()}", file=sys.stderr)
                continue
            headers = dict(message.headers() or [])
            if headers.get("synthsmith-run-id", b"").decode() != args.run:
                continue
            record = json.loads(message.value())
            print(json.dumps(record, ensure_ascii=False))
            seen += 1
    finally:
        consumer.close()
    print(f"{seen} records of run {args.run} from {args.topic}", file=sys.stderr)


def files(args):
    import pyarrow.parquet as pq

    run = pathlib.Path(args.dir)
    manifest = json.loads((run / "manifest.json").read_text())
    for shard in manifest["shards"]:
        path = run / shard["path"]
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        if digest != shard["sha256"]:
            sys.exit(f"{path}: checksum {digest} does not match the manifest's {shard['sha256']}")
        if shard["format"] == "parquet":
            rows = pq.read_metadata(path).num_rows
            if rows != shard["rows"]:
                sys.exit(f"{path}: {rows} rows, the manifest says {shard['rows']}")
    for unit in ("sft", "rl/main", "rl/easy", "rl/hard"):
        shards = sorted((run / unit).glob("*.parquet")) if (run / unit).is_dir() else []
        if not shards:
            continue
        table = pq.ParquetDataset([str(s) for s in shards]).read()
        print(f"{unit}: {table.num_rows} rows in {len(shards)} shards; columns {table.schema.names}")
    print("counts:", json.dumps(manifest["counts"], indent=2))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    s = commands.add_parser("stream", help="print one run's records from an export topic as JSON lines")
    s.add_argument("--run", required=True)
    s.add_argument("--topic", default="synthsmith.export.sft")
    s.add_argument("--bootstrap", default="localhost:9092")
    s.add_argument("--group", help="consumer group (default training-<run>)")
    s.add_argument("--idle-polls", type=int, default=10, help="stop after this many empty one-second polls")
    f = commands.add_parser("files", help="check a run's shards against its manifest and summarise them")
    f.add_argument("--dir", required=True, help="the run's directory, <files directory>/<run id>")
    args = parser.parse_args()
    stream(args) if args.command == "stream" else files(args)


if __name__ == "__main__":
    main()
