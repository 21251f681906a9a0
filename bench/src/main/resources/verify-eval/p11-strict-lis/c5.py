import sys
def main():
    data = sys.stdin.read().split()
    n = int(data[0])
    tails = []
    for k in range(1, n + 1):
        x = int(data[k])
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(x)
        else:
            tails[lo] = x
    print(len(tails))
main()
