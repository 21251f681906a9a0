t = int(input())
res = []
for _ in range(t):
    n, k = map(int, input().split())
    losing = (n - 1) % (k + 1) == 0
    res.append("Second" if losing else "First")
print("\n".join(res))
