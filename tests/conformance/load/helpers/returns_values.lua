return 1, "two", nil, {n = 4} and 4
