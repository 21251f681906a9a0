n = int(input())
a = sorted(tuple(map(int, input().split())) for _ in range(n))
ans = 0
end = -1
for s, e in a:
    if s > end:
        ans += 1
        end = e
print(ans)
