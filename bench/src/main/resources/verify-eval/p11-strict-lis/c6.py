import sys, bisect
data = sys.stdin.buffer.read().split()
seq = []
for x in map(int, data[1:]):
    pos = bisect.bisect(seq, x)
    seq[pos:pos + 1] = [x]
print(len(seq))
