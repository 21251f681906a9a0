import sys
def main():
    d = list(map(int, sys.stdin.read().split()))
    n, a = d[0], d[1:]
    L = [0] * n
    R = [0] * n
    s = []
    for i in range(n):
        while s and a[s[-1]] > a[i]:
            s.pop()
        L[i] = s[-1] if s else -1
        s.append(i)
    s = []
    for i in range(n - 1, -1, -1):
        while s and a[s[-1]] > a[i]:
            s.pop()
        R[i] = s[-1] if s else n
        s.append(i)
    print(sum(a[i] * (i - L[i]) * (R[i] - i) for i in range(n)) % 1000000007)
main()
