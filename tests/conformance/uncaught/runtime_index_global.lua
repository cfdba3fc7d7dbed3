print(cfg.port)
