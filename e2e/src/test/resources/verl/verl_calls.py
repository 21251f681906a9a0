"""Calls a dataset's verl_reward.py as verl does: loads the file by path (custom_reward_function.path), takes
compute_score (custom_reward_function.name) and calls it with keyword arguments for each row.

Usage: verl_calls.py <verl_reward.py> < calls.jsonl, one {"data_source", "solution_str", "ground_truth",
"extra_info"} per line; prints one score per line.
"""

import importlib.util
import json
import sys

spec = importlib.util.spec_from_file_location("custom_module", sys.argv[1])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
compute_score = getattr(module, "compute_score")
for line in sys.stdin:
    call = json.loads(line)
    print(float(compute_score(data_source=call["data_source"], solution_str=call["solution_str"],
                              ground_truth=call["ground_truth"], extra_info=call["extra_info"])))
