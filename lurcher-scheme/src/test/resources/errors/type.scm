(+ 1 (quote a))
(lambda (n) #t)
