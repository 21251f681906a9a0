import sys
input = sys.stdin.readline
def count_upto(x, k):
    return x // k
for _ in range(int(input())):
    a, b, k = map(int, input().split())
    print(count_upto(b, k) - count_upto(a, k))
