import sys
lines = sys.stdin.read().strip().split('\n')
for line in lines[1:]:
    n, k = map(int, line.split())
    print('First' if (n - 1) % (k + 1) else 'Second')
