n, S = map(int, input().split())
coins = sorted(map(int, input().split()), reverse=True)
used = 0
for c in coins:
    while S >= c:
        S -= c
        used += 1
print(used if S == 0 else -1)
