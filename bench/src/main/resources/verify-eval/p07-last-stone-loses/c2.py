import sys
d = sys.stdin.read().split()
for i in range(int(d[0])):
    n, k = int(d[1 + 2 * i]), int(d[2 + 2 * i])
    print('First' if n % (k + 1) != 0 else 'Second')
