import sys
def main():
    data = sys.stdin.buffer.read().split()
    n, m = int(data[0]), int(data[1])
    es = []
    for i in range(m):
        u, v, w = int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])
        es.append((w, u, v))
    es.sort()
    p = list(range(n + 1))
    size = [1] * (n + 1)
    def f(x):
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x
    used = 0
    total = 0
    for w, u, v in es:
        a, b = f(u), f(v)
        if a == b:
            continue
        if size[a] < size[b]:
            a, b = b, a
        p[b] = a
        size[a] += size[b]
        total += w
        used += 1
    print(total if used == n - 1 else -1)
main()
