import sys
input = sys.stdin.readline
for _ in range(int(input())):
    n, k = map(int, input().split())
    sys.stdout.write('First\n' if (n - 1) % (k + 1) else 'Second\n')
