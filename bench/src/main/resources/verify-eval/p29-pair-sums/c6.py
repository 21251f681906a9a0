import sys
from collections import defaultdict
def main():
    data = sys.stdin.buffer.read().split()
    n, K = int(data[0]), int(data[1])
    cnt = defaultdict(int)
    for v in data[2:2 + n]:
        cnt[int(v)] += 1
    res = 0
    for v, c in list(cnt.items()):
        res += c * cnt.get(K - v, 0)
    print(res // 2)
main()
