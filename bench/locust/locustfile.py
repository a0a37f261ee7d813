"""S1 with Locust: buyers on one general-admission quota go hold -> order -> sandbox payment over the public API.

Python tops out near 2,500 req/s on this machine, so the .NET load driver (bench/Platform.LoadDriver) is the one that
measures the targets; this file is the same journey for people who know Locust.

Needs an on-sale GA event: create it with the load driver's setup (scenario checkout-ga) or by hand, then:

  TENANT=northwind-live EVENT_ID=... OCCURRENCE_ID=... TICKET_TYPE_ID=... \
    /usr/bin/locust -f bench/locust/locustfile.py --headless -u 200 -r 50 -t 30s --host http://127.0.0.1:5081

Oversell is checked afterwards in the database (the load driver prints it); Locust only reports HTTP figures.
"""
import itertools
import os
import uuid

from locust import HttpUser, between, task

TENANT = os.environ.get("TENANT", "northwind-live")
EVENT_ID = os.environ["EVENT_ID"]
OCCURRENCE_ID = os.environ["OCCURRENCE_ID"]
TICKET_TYPE_ID = os.environ["TICKET_TYPE_ID"]
PREFIX = f"/api/v1/public/tenants/{TENANT}"
_buyers = itertools.count(1)


class Buyer(HttpUser):
    wait_time = between(0, 0.1)

    @task
    def buy(self):
        email = f"locust{next(_buyers)}-{uuid.uuid4().hex[:8]}@bench.example"
        with self.client.post(f"{PREFIX}/holds", name="hold", catch_response=True, json={
            "eventId": EVENT_ID, "occurrenceId": OCCURRENCE_ID, "buyerEmail": email,
            "lines": [{"ticketTypeId": TICKET_TYPE_ID, "quantity": 2}],
        }) as hold:
            if hold.status_code == 409:
                hold.success()  # sold out or a limit: an answer, not an error
                return
            if hold.status_code != 201:
                hold.failure(f"hold {hold.status_code}")
                return
        held = hold.json()
        order = self.client.post(f"{PREFIX}/orders", name="order", json={
            "holdId": held["id"], "buyer": {"name": "Locust Buyer", "email": email},
        }, headers={"X-Hold-Token": held["holdToken"], "Idempotency-Key": f"order-{held['id']}"})
        if order.status_code != 201:
            return
        placed = order.json()
        self.client.post(f"{PREFIX}/orders/{placed['id']}/payments", name="pay", json={"paymentToken": "tok_visa"},
                         headers={"X-Order-Token": placed["orderToken"], "Idempotency-Key": f"pay-{placed['id']}"})
