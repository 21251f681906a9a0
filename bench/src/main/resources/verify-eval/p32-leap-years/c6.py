import sys
input = sys.stdin.readline
for _ in range(int(input())):
    a, b = map(int, input().split())
    sys.stdout.write(str(b // 4 - (a - 1) // 4) + '\n')
