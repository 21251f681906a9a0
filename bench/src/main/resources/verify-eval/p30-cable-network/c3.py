n, m = map(int, input().split())
E = [tuple(map(int, input().split())) for _ in range(m)]
E.sort(key=lambda e: e[2])
par = list(range(n + 1))
def root(x):
    r = x
    while par[r] != r:
        r = par[r]
    while par[x] != r:
        par[x], x = r, par[x]
    return r
total = 0
for u, v, w in E:
    ru, rv = root(u), root(v)
    if ru != rv:
        par[ru] = rv
        total += w
print(total)
