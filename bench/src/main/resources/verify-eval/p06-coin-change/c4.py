n, S = map(int, input().split())
coins = sorted(map(int, input().split()), reverse=True)
cnt = 0
for c in coins:
    while S >= c:
        S -= c
        cnt += 1
print(cnt if S == 0 else -1)
