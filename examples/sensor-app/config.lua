-- Device configuration, as an application on a NodeMCU board would keep it.
return {
  name = "greenhouse-7",
  sample_period_ms = 500,
  window = 16,
  alarm_high = 31.5,
  alarm_low = 12.0,
}
