#!/usr/bin/env python3
"""Writes examples/dialects/llm-script.json: scripted replies (NOT a model) for the bundled seeds in the shapes of
five model/server families, for the end-to-end dialect runs (e2e PipelineEndToEndIT) and for
`bin/synthsmith run` with SYNTHSMITH_REPLAY_SCRIPT.

Each family has its own run id (the evolver's prompts name the run) and its own solver model (the solver's requests
name the model; the scripted server routes on both). The tasks are those of examples/replay/llm-script.json (same
briefs, titles, samples and correct programs), re-written the way each family answers, hazards included:
prose around JSON, LaTeX in statements (escaped and not), bounds kept in "Input" without a Constraints section, a
second fenced block (```text sample, ```bash run line) beside the code, an indented fence, a draft JSON before the
final one, a trailing comma, truncated replies (finish_reason length), a `__main__` block in a LeetCode answer, and
reasoning of about 2 000 characters. The replies are not shaped to our parsers. Extraction and evolution replies
are the plain replay's (they match every run): whoever loads this file appends the plain rules after these, as the
e2e test does.

Run: python3 examples/dialects/make-llm-script.py   (edit this, not the JSON)
"""
import json
import re
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLAIN = json.loads((HERE.parent / "replay" / "llm-script.json").read_text())
RULES = PLAIN["rules"]

FAMILIES = [
    # key, run id, model, reasoning shape, how it is served
    dict(key="r1", run="dialect-r1-vllm", model="deepseek-ai/DeepSeek-R1-0528", shape="reasoning_content",
         served="vLLM with --reasoning-parser deepseek_r1 (reasoning in reasoning_content)"),
    dict(key="qwen3", run="dialect-qwen3-think", model="Qwen/Qwen3-32B", shape="think",
         served="vLLM without a reasoning parser (<think>...</think> inline in the content)"),
    dict(key="gptoss", run="dialect-gpt-oss-vllm", model="openai/gpt-oss-120b", shape="reasoning",
         served="vLLM 0.16+ (harmony analysis channel in the reasoning field)"),
    dict(key="o4", run="dialect-openai-o4-mini", model="o4-mini", shape="hidden",
         served="OpenAI (reasoning hidden, reasoning_tokens in usage; max_tokens, temperature, top_p refused)"),
    dict(key="instruct", run="dialect-instruct", model="Qwen/Qwen2.5-Coder-32B-Instruct", shape=None,
         served="vLLM, a non-reasoning instruct model (no reasoning; prose and code)"),
]


def unfence(content):
    m = re.search(r"```json\n(.*)\n```", content, re.S)
    return json.loads(m.group(1) if m else content)


def fenced_code(content):
    m = re.search(r"```python\n(.*?)```", content, re.S)
    return m.group(1)


# --- the plain replay's pieces -------------------------------------------------------------------------------------
SELECTIONS = [unfence(r["content"]) for r in RULES[3]["replies"]]
LEETCODE_STATEMENT = unfence(RULES[4]["replies"][0]["content"])
BRIEF_STATEMENTS = {chr(ord("A") + i): unfence(RULES[5 + i]["replies"][0]["content"]) for i in range(6)}
TITLES = {}
for base in range(12, len(RULES), 4):
    title = re.search(r"^\^# Task: (.*)\\n$", RULES[base]["lastUserMessage"].replace("\n", "\\n")).group(1)
    title = title.replace("\\ ", " ")
    TITLES[title] = dict(
        candidate=RULES[base]["replies"][0]["content"],
        direct=unfence(RULES[base + 1]["replies"][0]["content"]),
        generator=fenced_code(RULES[base + 2]["replies"][0]["content"]),
        validator=fenced_code(RULES[base + 3]["replies"][0]["content"]),
    )
STATEMENT_OF = {s["title"]: s for s in list(BRIEF_STATEMENTS.values()) + [LEETCODE_STATEMENT]}

EDGE_NOTES = {
    "Lantern Street Sums": "n = 1 with a single query on it, negative brightness everywhere, and l = r",
    "Courier in the Maze": "a 1 by 1 grid (answer 0), a wall that cuts the grid in two (answer -1), and a single row",
    "Backpack Budget": "items heavier than W that never fit, values of 0, and W itself reached exactly",
    "Island Bridges": "a bridge from an island to itself and a second bridge over a pair already joined: neither "
                      "changes the count",
    "Budget Pairs": "all costs equal, negative T with only coupons fitting, and n = 2",
    "Choosing Committees": "k > n (answer 0), k = 0 (answer 1), and n at 2*10^5",
    "Affordable Pairs": "two elements only, negative target, and duplicates in nums",
}


def approach(title):
    return TITLES[title]["candidate"].split("\n\n")[0].removeprefix("Approach: ")


def code(title):
    return fenced_code(TITLES[title]["candidate"])


def first_sample(title):
    return STATEMENT_OF[title]["samples"][0]


# --- reasoning, in each family's voice (about 2 000 characters) ---------------------------------------------------
def reasoning(family, title):
    sample = first_sample(title)
    idea = approach(title)
    edges = EDGE_NOTES[title]
    if family == "r1":
        text = (f"Okay, let's see. I need to solve \"{title}\". Let me read the problem again carefully.\n\n"
                f"Hmm, the constraints are large, so a quadratic approach would be too slow. Let me think about what "
                f"structure helps here.\n\nWait, I think the standard way is this: {idea}\n\n"
                f"Let me verify with the first example. The input is:\n{sample['input']}\nand the expected output is:\n"
                f"{sample['output']}\nTracing my approach by hand on it, step by step... yes, I get the same "
                f"numbers. Good.\n\nWhat about edge cases? I should consider {edges}. Let me go through them one by "
                f"one. In each case the invariant still holds, so the method does not depend on a lucky input.\n\n"
                f"Now, implementation details. Reading input with input() for up to 10^5 lines is slow in Python, so "
                f"I'll read everything at once with sys.stdin. Careful with indices: the statement is 1-based, "
                f"Python lists are 0-based. And the output should be one answer per line, joined once at the end.\n\n"
                f"Wait, is there an overflow issue? No, Python integers are arbitrary precision. But the time limit "
                f"still matters, so the loop must stay linear or n log n.\n\nI think that's it. Let me write the "
                f"code.")
    elif family == "qwen3":
        text = (f"Okay, let's tackle this problem. So the task is \"{title}\". Hmm. Let me first understand what's "
                f"being asked.\n\nThe input sizes rule out brute force, so I need something smarter. Oh right, "
                f"{idea[0].lower() + idea[1:]}\n\nLet me check this against the sample. Input:\n{sample['input']}\n"
                f"Expected:\n{sample['output']}\nGoing through it by hand... that matches.\n\nWait, what about "
                f"corner cases? Like {edges}. Let me think... in all of those the same reasoning works, I think. "
                f"Yes.\n\nSo the plan in code: read all of stdin at once (faster than input() in a loop), do the "
                f"main pass, and print the answers. Let me also make sure I don't mix up 0-based and 1-based "
                f"indices, since the statement numbers from 1.\n\nAnother thing: output format. Each answer on its "
                f"own line, nothing extra. Okay.\n\nI think this is correct. Let me write it out.")
    elif family == "gptoss":
        text = (f"We need to solve \"{title}\". Constraints large; need efficient algorithm.\n\n"
                f"Approach: {idea}\n\nCheck sample 1: input\n{sample['input']}\nexpected output\n{sample['output']}"
                f"\nCompute manually: matches.\n\nEdge cases: {edges}. All fine.\n\nImplementation: read all "
                f"tokens via sys.stdin.buffer, iterate, collect output, join. Complexity fine. Python ints unbounded "
                f"so no overflow. Use 0-based arrays internally.\n\nLet's craft final answer with explanation, "
                f"algorithm, correctness proof, complexity, reference implementation.")
    else:
        raise ValueError(family)
    while len(text) < 1900:
        text += ("\n\nLet me double-check the indexing once more against the sample before writing the final "
                 "version, because an off-by-one here would shift every answer.")
    return text


# --- statements -----------------------------------------------------------------------------------------------------
BOUND = re.compile(r"^(-?[\w*^ ]+?)\s*<=\s*(.+?)\s*<=\s*(-?[\w*^ .]+)$")


def latex(line, backslash):
    def term(t):
        t = t.strip().replace("2*10^", "2 \\cdot 10^").replace("2 * 10^", "2 \\cdot 10^")
        return t.replace("\\", backslash)
    m = BOUND.match(line.strip())
    if not m:
        return line
    lo, mid, hi = m.groups()
    parts = [p.strip() for p in mid.split("<=")]
    le = backslash + "le"
    inner = f" {le} ".join([term(lo)] + [term(p) for p in parts] + [term(hi)])
    return "$" + inner + "$"


def restyle_statement(statement, *, backslash="\\", bounds_in_input=True, notation="latex"):
    """The statement with its Constraints written as a family writes them."""
    text = statement["statement"]
    if "\n\nConstraints\n" not in text:
        return text
    body, constraints = text.split("\n\nConstraints\n", 1)
    lines = constraints.strip().split("\n")
    if notation == "latex":
        lines = [latex(l, backslash) for l in lines]
    elif notation == "unicode":
        lines = [l.replace("<=", "≤").replace("10^9", "10⁹").replace("10^5", "10⁵") for l in lines]
    if not bounds_in_input:
        return body + "\n\nConstraints\n" + "\n".join(lines)
    # the bounds go into the Input section, as many contest statements keep them
    head, output = body.split("\n\nOutput\n", 1)
    bounds = [l for l in lines if l.startswith("$") or "≤" in l]
    notes = [l for l in lines if l not in bounds]
    if bounds:
        head = head.rstrip(".") + " (" + ", ".join(bounds) + ")."
    if notes:
        head += " " + " ".join(notes)
    return head + "\n\nOutput\n" + output


def latex_leetcode(statement, backslash):
    text = statement["statement"]
    body, constraints = text.split("\n\nConstraints:\n", 1)
    lines = [latex(l, backslash) for l in constraints.strip().split("\n")]
    return body + "\n\nConstraints:\n" + "\n".join("- " + l for l in lines)


def statement_json(obj, *, raw_backslashes=False, indent=2):
    text = json.dumps(obj, indent=indent, ensure_ascii=False)
    if raw_backslashes:
        # the model wrote LaTeX with single backslashes inside the JSON string, as models often do
        text = text.replace("\\\\", "\\")
    return text


def statement_reply(family, statement, leetcode):
    obj = dict(statement)
    if family == "r1":
        obj["statement"] = latex_leetcode(statement, "\\") if leetcode else restyle_statement(statement)
        return dict(content="```json\n" + statement_json(obj) + "\n```",
                    reasoning=f"Okay, I need to write a statement for \"{statement['title']}\" that fits the brief. "
                              "Let me keep the story short and put the bounds right after the input format, and "
                              "write them in LaTeX like a real contest. The samples must match the intended "
                              "solution exactly, so I'll compute them by hand...")
    if family == "qwen3":
        obj["statement"] = latex_leetcode(statement, "\\") if leetcode else restyle_statement(statement)
        body = statement_json(obj, raw_backslashes=True)
        return dict(content="<think>\nThe brief is clear. I'll write the statement with the constraints inline in "
                            "LaTeX and two samples.\n</think>\n\n```json\n" + body + "\n```")
    if family == "gptoss":
        obj["statement"] = latex_leetcode(statement, "\\") if leetcode else restyle_statement(
            statement, bounds_in_input=False)
        return dict(content="Here is the problem statement in the requested JSON format.\n\n"
                            + statement_json(obj) + "\n\nThe samples were verified by hand against the intended "
                            "solution.",
                    reasoning="We need to produce JSON with title, statement, samples. Ensure constraints. "
                              "Provide samples consistent. Let's craft.", reasoningField="reasoning")
    if family == "o4":
        obj["statement"] = statement["statement"] if leetcode else restyle_statement(
            statement, bounds_in_input=False, notation="unicode")
        return dict(content="```json\n" + statement_json(obj) + "\n```", reasoning="(hidden)",
                    reasoningField="hidden")
    if family == "instruct":
        draft = {"title": statement["title"], "statement": statement["statement"].split("\n\n")[0]}
        return dict(content="Sure! Here's a first draft of the problem:\n\n```json\n" + statement_json(draft)
                            + "\n```\n\nLet me refine it with the full input/output format and examples:\n\n```json\n"
                            + statement_json(obj) + "\n```\n\nThis statement includes clear input and output "
                            "formats, constraints, and sample test cases.")
    raise ValueError(family)


# --- selections -----------------------------------------------------------------------------------------------------
def selection_reply(family, selection):
    body = json.dumps(selection, indent=2)
    brief = re.search(r"\[canned brief \w: ([^\]]+)\]", selection["integrationStrategy"]).group(1)
    if family == "r1":
        return dict(content="```json\n" + body + "\n```",
                    reasoning=f"Okay, the candidate features... I should pick ones that combine naturally. "
                              f"For a task like \"{brief}\", these two fit together well.")
    if family == "qwen3":
        return dict(content="<think>\nLet me pick features that work together. These two combine naturally.\n"
                            "</think>\n\n```json\n" + body + "\n```")
    if family == "gptoss":
        return dict(content=body, reasoning="Need select features and integration strategy. Choose.",
                    reasoningField="reasoning")
    if family == "o4":
        return dict(content="```json\n" + body + "\n```", reasoning="(hidden)", reasoningField="hidden")
    if family == "instruct":
        return dict(content="Here's my selection of features and how they can be combined:\n\n```json\n" + body
                            + "\n```\n\nThese features complement each other and make for an interesting problem.")
    raise ValueError(family)


# --- candidates -----------------------------------------------------------------------------------------------------
def main_block():
    """A LeetCode answer's demo block that reads stdin, as instruct models and R1 often add."""
    return ("\n\nif __name__ == \"__main__\":\n    import sys\n    data = sys.stdin.read().split()\n"
            "    nums = list(map(int, data[:-1]))\n    target = int(data[-1])\n"
            "    print(Solution().countPairs(nums, target))\n")


def candidate_replies(family, title):
    program = code(title)
    idea = approach(title)
    sample = first_sample(title)
    leetcode = title == "Affordable Pairs"
    if family == "r1":
        program_r1 = program.rstrip("\n") + (main_block() if leetcode else "\n")
        content = (f"To solve this problem, we need an efficient method. {idea}\n\n### Approach\n"
                   f"1. Read the input at once.\n2. {idea.split('. ')[0]}.\n3. Print the results.\n\n"
                   f"### Solution Code\n```python\n{program_r1}```\n\n### Explanation\n"
                   f"For the first example:\n```text\n{sample['input'].rstrip()}\n```\n"
                   f"the program prints `{sample['output'].strip()}`, as expected.")
        full = dict(content=content, reasoning=reasoning("r1", title))
        if title == "Courier in the Maze":
            cut = content[: content.index("### Solution Code") + 60]
            return [dict(content=cut, reasoning=reasoning("r1", title), finishReason="length"), full]
        return [full]
    if family == "qwen3":
        content = (f"To solve this problem, we use the following idea: {idea}\n\n```python\n{program}```\n\n"
                   f"**How to run:**\n\n```bash\npython3 solution.py < input.txt\n```\n\n"
                   f"**Explanation:** the program reads the whole input, applies the idea above and prints "
                   f"`{sample['output'].strip()}` for the first sample.")
        return [dict(content=content, reasoning=reasoning("qwen3", title), reasoningField="think")]
    if family == "gptoss":
        program_oss = program.rstrip("\n") + (main_block() if leetcode else "\n")
        content = (f"**Solution Explanation**\n\n{idea}\n\n---\n\n**Algorithm**\n\n```\nread input\napply the "
                   f"method above\nprint the answers\n```\n\n**Correctness Proof**\n\nThe invariant of the method "
                   f"holds after every step, so every printed value is correct. ∎\n\n**Complexity Analysis**\n\n"
                   f"As stated above; memory is linear.\n\n---\n\n**Reference Implementation (Python 3)**\n\n"
                   f"```python\n{program_oss}```\n\nExample:\n\n```text\n{sample['input'].rstrip()}\n```")
        return [dict(content=content, reasoning=reasoning("gptoss", title), reasoningField="reasoning")]
    if family == "o4":
        indented = "\n".join(("   " + line) if line else "" for line in program.rstrip("\n").split("\n"))
        content = (f"Here’s an efficient solution.\n\n1. Idea: {idea}\n\n2. Code:\n\n   ```python\n{indented}\n"
                   f"   ```\n\n3. Complexity: as above.")
        full = dict(content=content, reasoning="(hidden)", reasoningField="hidden",
                    usage=dict(promptTokens=900, completionTokens=4200, reasoningTokens=3700))
        if title == "Island Bridges":
            # all of the budget went into hidden reasoning: no visible text at all
            return [dict(content="", reasoning="(hidden)", reasoningField="hidden", finishReason="length",
                         usage=dict(promptTokens=900, completionTokens=32768, reasoningTokens=32768)), full]
        return [full]
    if family == "instruct":
        program_i = program.rstrip("\n") + (main_block() if leetcode else "\n")
        content = (f"To solve this problem, we can use the following approach: {idea}\n\n"
                   f"Here's the Python code:\n\n```python\n{program_i}```\n\n### Explanation:\n"
                   f"1. **Reading input**: all input is read at once for speed.\n"
                   f"2. **Main step**: {idea.split('. ')[0]}.\n3. **Output**: the answers are printed.\n\n"
                   f"For the first sample the output is:\n\n```\n{sample['output'].rstrip()}\n```\n\n"
                   f"This solution is efficient and handles all edge cases.")
        return [dict(content=content)]
    raise ValueError(family)


# --- test sources ---------------------------------------------------------------------------------------------------
def direct_reply(family, title):
    inputs = TITLES[title]["direct"]
    body = json.dumps(inputs, indent=2)
    if family == "instruct":
        body = body[:-2] + ",\n]"   # a trailing comma, as hand-written JSON often has
        return dict(content="Here are some test inputs covering typical and edge cases:\n\n```json\n" + body
                            + "\n```")
    if family == "gptoss":
        return dict(content=body, reasoning="Need list of inputs. Include edge cases.", reasoningField="reasoning")
    if family == "qwen3":
        return dict(content="<think>\nSmall cases, edge cases, one larger case.\n</think>\n\n```json\n" + body
                            + "\n```")
    if family == "o4":
        return dict(content="```json\n" + body + "\n```", reasoning="(hidden)", reasoningField="hidden")
    return dict(content="```json\n" + body + "\n```", reasoning="Okay, I need inputs that cover the edge cases.")


def program_reply(family, title, kind):
    program = TITLES[title][kind]
    name = "gen.py" if kind == "generator" else "validate.py"
    run = f"python3 {name} 42 small" if kind == "generator" else f"python3 {name} < input.txt"
    if family == "gptoss":
        return dict(content=f"```python\n{program}```\n\nUsage:\n\n```bash\n{run}\n```",
                    reasoning="Write program per spec. Use only stdlib.", reasoningField="reasoning")
    if family == "qwen3":
        return dict(content=f"<think>\nFollow the constraints exactly.\n</think>\n\n```python\n{program}```\n\n"
                            f"Run it as `{run}`.")
    if family == "o4":
        return dict(content=f"```python\n{program}```", reasoning="(hidden)", reasoningField="hidden")
    if family == "instruct":
        return dict(content=f"Here's the {kind}:\n\n```python\n{program}```\n\nYou can run it with:\n\n"
                            f"```bash\n{run}\n```")
    return dict(content=f"```python\n{program}```", reasoning=f"Okay, the {kind} must follow the constraints.")


# --- assembling -----------------------------------------------------------------------------------------------------
def quote(text):
    return re.escape(text)


def reply(spec):
    out = {"content": spec["content"]}
    if spec.get("reasoning") is not None and spec.get("reasoningField", "reasoning_content") != "none":
        out["reasoning"] = spec["reasoning"]
    if spec.get("reasoningField") and spec["reasoningField"] != "reasoning_content":
        out["reasoningField"] = spec["reasoningField"]
    if spec.get("finishReason"):
        out["finishReason"] = spec["finishReason"]
    if spec.get("usage"):
        out["usage"] = spec["usage"]
    return out


rules = []
for family in FAMILIES:
    key, run, model = family["key"], family["run"], family["model"]
    rules.append(dict(description=f"{model} served by {family['served']}: feature selection of run {run}",
                      stage="task-evolver", lastUserMessage="^Task: select features \\(run " + quote(run) + "\\)",
                      replies=[reply(selection_reply(key, s)) for s in SELECTIONS]))
    rules.append(dict(stage="task-evolver",
                      lastUserMessage="Task: write statement \\(run " + quote(run) + ", style leetcode\\)",
                      replies=[reply(statement_reply(key, LEETCODE_STATEMENT, True))]))
    for brief, statement in BRIEF_STATEMENTS.items():
        rules.append(dict(stage="task-evolver",
                          lastUserMessage="Task: write statement \\(run " + quote(run) + ",[\\s\\S]*\\[canned brief "
                                          + brief + ":",
                          replies=[reply(statement_reply(key, statement, False))]))
    rejects = ["max_tokens", "temperature", "top_p"] if key == "o4" else None
    for title in TITLES:
        head = "^# Task: " + quote(title) + "\n"
        for pattern, specs in [
            (head, candidate_replies(key, title)),
            ("^# Direct test inputs for: " + quote(title) + "\n", [direct_reply(key, title)]),
            ("^# Input generator for: " + quote(title) + "\n", [program_reply(key, title, "generator")]),
            ("^# Input validator for: " + quote(title) + "\n", [program_reply(key, title, "validator")]),
        ]:
            rule = dict(stage="solver", model=re.escape(model), lastUserMessage=pattern,
                        replies=[reply(s) for s in specs])
            if rejects:
                rule["rejects"] = rejects
            rules.append(rule)

script = {
    "description": "Dialect corpus: scripted replies served by libs/scripted-llm, NOT a model. Generated by "
                   "make-llm-script.py (edit that, not this file). Five model/server families answer the bundled "
                   "seeds' tasks in their own shapes and hazards, each under its own run id (evolver prompts) and "
                   "model (solver requests): "
                   + "; ".join(f"{f['run']}: {f['model']} on {f['served']}" for f in FAMILIES)
                   + ". Extraction and evolution, and every other run, fall through to the plain replay's rules, "
                     "which the loader appends after these (examples/replay/llm-script.json).",
    "seed": 1,
    "rules": rules,
}
(HERE / "llm-script.json").write_text(json.dumps(script, indent=1, ensure_ascii=False) + "\n")
print(f"{len(rules)} rules for {len(FAMILIES)} families")
