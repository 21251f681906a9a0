s = input().strip()
last = [-1] * 26
start = best = 0
for i, ch in enumerate(s):
    k = ord(ch) - 97
    start = max(start, last[k] + 1)
    last[k] = i
    best = max(best, i - start + 1)
print(best)
