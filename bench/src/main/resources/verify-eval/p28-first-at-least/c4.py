import sys
def main():
    d = sys.stdin.buffer.read().split()
    n, q = int(d[0]), int(d[1])
    a = list(map(int, d[2:2 + n]))
    res = []
    for t in range(q):
        x = int(d[2 + n + t])
        lo, hi = 0, n
        while lo < hi:
            mid = (lo + hi) >> 1
            if a[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        res.append(lo + 1)
    print('\n'.join(map(str, res)))
main()
