import sys
from collections import deque
def main():
    it = iter(sys.stdin.read().split())
    n = int(next(it))
    arr = [(int(next(it)), int(next(it))) for _ in range(n)]
    q, res, time, p = deque(), [], 0, 0
    while p < n or q:
        if not q:
            time = max(time, arr[p][0])
        while p < n and arr[p][0] <= time:
            q.append(p); p += 1
        idx = q.popleft()
        res.append(str(idx + 1))
        time += arr[idx][1]
    print(' '.join(res))
main()
