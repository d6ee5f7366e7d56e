"""Social security card (社会保障卡) over PC/SC: card application, pyscard seam, reader."""
