import random, sys
seed, size = int(sys.argv[1]), sys.argv[2]
random.seed(seed * 47 + len(size))
n, lo = {'small': (random.randint(1, 8), -3), 'medium': (500, -20), 'max': (20000, -1000)}[size]
nums = [random.randint(lo, -lo) for _ in range(n)]
i = random.randrange(n); j = random.randrange(i, n)
k = sum(nums[i:j + 1]) if random.random() < 0.8 else random.randint(lo, -lo)
print('nums = [%s], k = %d' % (','.join(map(str, nums)), k))
