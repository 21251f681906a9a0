import sys
input = sys.stdin.readline
n = int(input())
data = [input().split() for _ in range(n)]
data.sort(key=lambda x: int(x[1]))
data.reverse()
sys.stdout.write('\n'.join(x[0] for x in data) + '\n')
