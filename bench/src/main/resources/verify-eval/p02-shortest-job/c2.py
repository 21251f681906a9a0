import sys, heapq
def main():
    it = iter(sys.stdin.read().split())
    n = int(next(it))
    arr = [(int(next(it)), int(next(it))) for _ in range(n)]
    pq, res, time, p = [], [], 0, 0
    while p < n or pq:
        if not pq:
            time = max(time, arr[p][0])
        while p < n and arr[p][0] <= time:
            heapq.heappush(pq, (arr[p][1], p)); p += 1
        dur, idx = heapq.heappop(pq)
        res.append(str(idx + 1))
        time += dur
    print(' '.join(res))
main()
