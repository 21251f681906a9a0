import sys
d = sys.stdin.read().split()
for i in range(int(d[0])):
    a, b, k = int(d[1 + 3 * i]), int(d[2 + 3 * i]), int(d[3 + 3 * i])
    print(sum(1 for x in range(a, b + 1) if x % k == 0))
